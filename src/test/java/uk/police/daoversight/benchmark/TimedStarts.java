package uk.police.daoversight.benchmark;

import java.util.ArrayList;
import java.util.List;

/** A case model that times each start (the referral's own transaction) on its way through. */
final class TimedStarts implements CaseWalk.CaseModel {

  private final CaseWalk.CaseModel model;
  private final List<Long> nanos = new ArrayList<>();

  TimedStarts(CaseWalk.CaseModel model) {
    this.model = model;
  }

  @Override
  public CaseWalk.Started start(int i) {
    long t = System.nanoTime();
    CaseWalk.Started started = model.start(i);
    nanos.add(System.nanoTime() - t);
    return started;
  }

  @Override
  public void recordPanelOutcome(CaseWalk.Started started) {
    model.recordPanelOutcome(started);
  }

  @Override
  public String processDefinitionKey() {
    return model.processDefinitionKey();
  }

  /** Cases started so far. */
  int count() {
    return nanos.size();
  }

  /** The latest {@code n} starts. */
  Samples last(int n) {
    List<Long> latest = nanos.subList(Math.max(0, nanos.size() - n), nanos.size());
    return Samples.ofNanos(latest.stream().mapToLong(Long::longValue).toArray());
  }
}
