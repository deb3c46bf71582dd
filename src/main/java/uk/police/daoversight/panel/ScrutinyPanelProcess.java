package uk.police.daoversight.panel;

/**
 * The scrutiny panel ({@code processes/scrutinyPanel.bpmn}): its key and the steps the code and the
 * tests name. Variables are in {@link uk.police.daoversight.process.PanelVariables}.
 */
public final class ScrutinyPanelProcess {

  public static final String KEY = "scrutinyPanel";

  public static final String PREPARE_AGENDA = "prepareAgenda";
  public static final String REVISE_AGENDA = "reviseAgenda";
  public static final String PUBLISH_AGENDA = "publishAgenda";
  /** Each SOO's notice of their slot, at publication. */
  public static final String TELL_SOO_SLOT = "tellSooSlot";
  public static final String RECORD_ATTENDANCE = "recordAttendance";
  /** Each attendee named at attendance acknowledges confidentiality, and is then given the cases. */
  public static final String ACKNOWLEDGE_CONFIDENTIALITY = "acknowledgeConfidentiality";
  public static final String RECORD_OUTCOME = "recordOutcome";
  public static final String CLOSE_MEETING = "closeMeeting";

  private ScrutinyPanelProcess() {}
}
