package uk.police.daoversight.engine.history;

import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The engine's history producer, except that a failed job's log entry (ACT_HI_JOB_LOG and its
 * stack trace, Cockpit's job log) records the failure as {@link JobFailureText} words it. The
 * engine hands the job log the original exception, not the one the retry command records.
 */
class ValueFreeHistoryEventProducer extends CacheAwareHistoryEventProducer {

  @Override
  public HistoryEvent createHistoricJobLogFailedEvt(Job job, Throwable exception) {
    return super.createHistoricJobLogFailedEvt(job,
        job instanceof JobEntity entity ? JobFailureText.forEngine(entity, exception) : JobFailureText.forEngine(null, exception));
  }
}
