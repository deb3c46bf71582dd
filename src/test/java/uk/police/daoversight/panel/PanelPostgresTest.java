package uk.police.daoversight.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.sql.SQLException;
import java.time.LocalDate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.Application;
import uk.police.daoversight.support.LocalPostgres;

/**
 * The panel's database rules on PostgreSQL (#20): one open panel per meeting date and one open agenda
 * per case are unique keys there too (nulls never collide), and a refused booking goes back to the
 * administrator without aborting the engine's transaction. Runs whenever the server answers.
 */
class PanelPostgresTest {

  @Test
  void oneOpenPanelPerDateOnPostgresql() throws SQLException {
    String database = LocalPostgres.createDatabase("panel");
    try {
      ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class)
          .profiles("postgres", "demo")
          .run("--DB_NAME=" + database, "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
              "--camunda.bpm.process-engine-name=panelPostgresCheck", "--camunda.bpm.webapp.enabled=false",
              "--logging.level.root=warn");
      try {
        BpmnAwareTests.init(app.getBean(ProcessEngine.class));
        RuntimeService runtime = app.getBean(RuntimeService.class);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        String day = LocalDate.now().plusDays(3).toString();

        ProcessInstance first = runtime.startProcessInstanceByKey("scrutinyPanel", withVariables("meetingStart", day + "T10:00"));
        execute(job("draftAgenda", first));
        BpmnAwareTests.assertThat(first).isWaitingAt("prepareAgenda");

        ProcessInstance second = runtime.startProcessInstanceByKey("scrutinyPanel",
            withVariables("meetingStart", day + "T15:00", "emergencyPanel", true));
        execute(job("draftAgenda", second));
        BpmnAwareTests.assertThat(second).isWaitingAt("chooseMeetingTime");
        assertThat((String) runtime.getVariable(second.getId(), "meetingProblem")).contains("Another panel is already open on " + day);

        String firstId = (String) runtime.getVariable(first.getId(), "panelId");
        assertThatThrownBy(() -> jdbc.update("insert into panel_meeting (id, held_on, meeting_date, open_on, capacity_minutes, "
            + "status, emergency) select 'dup', held_on, meeting_date, open_on, 180, 'SCHEDULED', true from panel_meeting where id = ?",
            firstId)).isInstanceOf(DataIntegrityViolationException.class);
        jdbc.update("insert into panel_agenda_item (meeting_id, position, case_code, open_case_code, review_type, slot_minutes, "
            + "start_minute, soos, priority) values (?,0,'PGPG-0001','PGPG-0001','NEW',15,0,'soo1',1)", firstId);
        assertThatThrownBy(() -> jdbc.update("insert into panel_agenda_item (meeting_id, position, case_code, open_case_code, "
            + "review_type, slot_minutes, start_minute, soos, priority) values ('other',0,'PGPG-0001','PGPG-0001','NEW',15,0,'soo1',1)"))
            .isInstanceOf(DataIntegrityViolationException.class);

        runtime.deleteProcessInstance(first.getId(), "withdrawn");
        complete(task("chooseMeetingTime", second), withVariables("meetingStart", day + "T15:00"));
        execute(job("draftAgenda", second));
        BpmnAwareTests.assertThat(second).as("the withdrawn panel freed its date").isWaitingAt("prepareAgenda");
        assertThat(jdbc.queryForObject("select count(*) from panel_meeting where open_on is null and status = 'CANCELLED'",
            Integer.class)).isEqualTo(1);
      } finally {
        BpmnAwareTests.reset();
        app.close();
      }
    } finally {
      LocalPostgres.dropDatabase(database);
    }
  }
}
