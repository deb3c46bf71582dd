package uk.police.daoversight.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.security.Groups;

/**
 * Benchmark 2: what people read all day, at scale, each query as the webapps issue it (the engine
 * API calls behind Tasklist's filter list and counts, a coordinator's work list, Cockpit's process
 * list), each run as the person with their groups, in three ways in turn: with authorization checks
 * as shipped (no group prefilter for people in few groups: {@code GroupPrefilterThreshold}), with them
 * and Camunda's own group prefilter ({@link SwitchableGroupPrefilter}), and without them. Every round must give the same answer three times: authorization may cost
 * time, never results, for people entitled to everything they ask for.
 */
final class ReadsBenchmark {

  /** One read, as one person; {@code mayBeEmpty} when no answer is the right answer (SOOs have no group tasks). */
  record Read(String name, String who, String user, List<String> groups, boolean mayBeEmpty, LongSupplier run) {
    Read(String name, String who, String user, List<String> groups, LongSupplier run) {
      this(name, who, user, groups, false, run);
    }
  }

  record Result(String name, String who, Samples authOn, Samples withCamundasPrefilter, Samples authOff, double meanRows) {}

  static final String MY_TASKS = "My tasks";
  static final String OFFERED_TO_ME = "Offered to me";
  static final String MY_GROUPS_TASKS = "My groups' tasks";
  /** Tasklist's page size. */
  static final int PAGE = 15;

  private ReadsBenchmark() {}

  /** The reads; a read without a fixed user is a SOO's (the samples rotate over the roster). */
  static List<Read> reads(OversightApp app) {
    FilterService filters = app.bean(FilterService.class);
    TaskService tasks = app.bean(TaskService.class);
    ManagementService management = app.bean(ManagementService.class);
    String myTasks = filterId(filters, MY_TASKS);
    String offered = filterId(filters, OFFERED_TO_ME);
    String groupTasks = filterId(filters, MY_GROUPS_TASKS);
    List<String> soo = List.of(Groups.SENIOR_OVERSIGHT_OFFICERS);
    return List.of(
        new Read("Tasklist \"" + MY_TASKS + "\": first page of " + PAGE + ", newest first", "SOO", null, soo,
            () -> filters.listPage(myTasks, tasks.createTaskQuery().orderByTaskCreateTime().desc(), 0, PAGE).size()),
        new Read("Tasklist \"" + MY_TASKS + "\": count", "SOO", null, soo, () -> filters.count(myTasks)),
        new Read("Tasklist \"" + OFFERED_TO_ME + "\": first page of " + PAGE + ", newest first", "SOO", null, soo,
            () -> filters.listPage(offered, tasks.createTaskQuery().orderByTaskCreateTime().desc(), 0, PAGE).size()),
        new Read("Tasklist \"" + OFFERED_TO_ME + "\": count", "SOO", null, soo, () -> filters.count(offered)),
        new Read("Tasklist \"" + MY_GROUPS_TASKS + "\": count", "SOO", null, soo, true, () -> filters.count(groupTasks)),
        new Read("Overdue first contacts: first 50 by due date", "coordinator", CaseWalk.COORDINATOR,
            CaseWalk.COORDINATOR_GROUPS,
            () -> tasks.createTaskQuery().processDefinitionKey(OversightCaseModel.PROCESS).taskDefinitionKey("contactVictim")
                .dueBefore(new Date()).orderByDueDate().asc().listPage(0, 50).size()),
        new Read("Cockpit process list: running instances per definition", "manager", BenchmarkPeople.MANAGER,
            List.of(Groups.MANAGERS),
            // Cockpit asks without a bound; the application's WebappQueryBound makes it the engine's cap of 2000.
            () -> management.createProcessDefinitionStatisticsQuery().includeRootIncidents().listPage(0, 2000).stream()
                .mapToLong(ProcessDefinitionStatistics::getInstances).sum()));
  }

  /**
   * Camunda's group prefilter: every request with authorization checks first asks for every group
   * id in the authorization table (to drop the user's groups that have no grant), a full scan that
   * grows with the table (camunda/camunda-bpm-platform#5485). Timed as the engine issues it, and with
   * the condition that issue proposes, which lets the group index answer from its few non-null entries.
   */
  record Prefilter(long authorizations, long historicTaskAuthorizations, long openCases, Samples asIssued, Samples notNull) {}

  static Prefilter prefilter(OversightApp app, long openCases, int warmup, int samples) {
    JdbcTemplate jdbc = app.jdbc();
    String asIssued = "SELECT distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A";
    String notNull = asIssued + " WHERE A.GROUP_ID_ IS NOT NULL";
    long[] issued = new long[samples];
    long[] filtered = new long[samples];
    for (int i = -warmup; i < samples; i++) {
      long t = System.nanoTime();
      List<String> all = jdbc.queryForList(asIssued, String.class);
      long t2 = System.nanoTime();
      List<String> groups = jdbc.queryForList(notNull, String.class);
      long t3 = System.nanoTime();
      if (all.stream().filter(Objects::nonNull).count() != groups.size()) {
        throw new AssertionError("The group prefilter with IS NOT NULL found other groups: " + groups + " vs " + all);
      }
      if (i >= 0) {
        issued[i] = t2 - t;
        filtered[i] = t3 - t2;
      }
    }
    Long rows = jdbc.queryForObject("select count(*) from act_ru_authorization", Long.class);
    Long historicTask = jdbc.queryForObject("select count(*) from act_ru_authorization where resource_type_ = ?", Long.class,
        Resources.HISTORIC_TASK.resourceType());
    return new Prefilter(rows == null ? 0 : rows, historicTask == null ? 0 : historicTask, openCases, Samples.ofNanos(issued),
        Samples.ofNanos(filtered));
  }

  /** How a read is checked: as shipped (no group prefilter for people in few groups), with Camunda's prefilter, or not at all. */
  enum Mode { AUTHORIZATION_ON, ON_WITH_CAMUNDAS_PREFILTER, AUTHORIZATION_OFF }

  /** Every read gets at least this many rounds, however slow it is. */
  static final int MIN_ROUNDS = 20;

  /**
   * Times every read: {@code warmup} untimed rounds, then up to {@code samples} rounds of one sample
   * per mode for the same person, in rotating order, SOO reads rotating over {@code soos}. A slow
   * read warms up for at most a quarter of {@code budget} (at least three rounds) and stops sampling
   * once it has used {@code budget} (at least {@value #MIN_ROUNDS} rounds): its percentiles are stable
   * long before, and the whole run must fit in half an hour.
   */
  static List<Result> run(OversightApp app, List<String> soos, int warmup, int samples, Duration budget) {
    ProcessEngineConfigurationImpl configuration = app.configuration();
    IdentityService identity = app.bean(IdentityService.class);
    List<Result> results = new ArrayList<>();
    for (Read read : reads(app)) {
      long warmingUp = System.nanoTime();
      for (int i = -warmup; i < 0 && (i < -warmup + 3 || System.nanoTime() - warmingUp < budget.toNanos() / 4); i++) {
        round(configuration, identity, read, soos, i);
      }
      List<List<Long>> nanos = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      long rows = 0;
      long start = System.nanoTime();
      for (int i = 0; i < samples && (i < MIN_ROUNDS || System.nanoTime() - start < budget.toNanos()); i++) {
        long[] round = round(configuration, identity, read, soos, i);
        for (Mode mode : Mode.values()) {
          nanos.get(mode.ordinal()).add(round[mode.ordinal()]);
        }
        rows += round[Mode.values().length];
      }
      if (rows == 0 && !read.mayBeEmpty()) {
        throw new AssertionError(read.name() + ": every sample came back empty; the seeded cases are not visible");
      }
      int rounds = nanos.get(0).size();
      results.add(new Result(read.name(), read.who(), samples(nanos.get(0)), samples(nanos.get(1)), samples(nanos.get(2)),
          (double) rows / rounds));
    }
    return results;
  }

  /** One round of a read as one person, once per mode: the nanoseconds per mode, then the rows. */
  private static long[] round(ProcessEngineConfigurationImpl configuration, IdentityService identity, Read read,
                              List<String> soos, int i) {
    Mode[] modes = Mode.values();
    String user = read.user() != null ? read.user() : soos.get(Math.floorMod(i * 7, soos.size()));
    identity.setAuthentication(user, read.groups());
    try {
      long[] result = new long[modes.length + 1];
      long[] answers = new long[modes.length];
      for (int k = 0; k < modes.length; k++) {
        Mode mode = modes[Math.floorMod(i + k, modes.length)];
        long[] timed = time(configuration, mode, read);
        result[mode.ordinal()] = timed[0];
        answers[mode.ordinal()] = timed[1];
      }
      if (answers[0] != answers[1] || answers[0] != answers[2]) {
        throw new AssertionError(read.name() + " as " + user + ": " + answers[0] + ", " + answers[1] + " and " + answers[2]
            + " rows in the modes " + Arrays.toString(modes));
      }
      result[modes.length] = answers[0];
      return result;
    } finally {
      identity.clearAuthentication();
      configuration.setAuthorizationEnabled(true);
      SwitchableGroupPrefilter.camundasPrefilter(false);
    }
  }

  private static Samples samples(List<Long> nanos) {
    return Samples.ofNanos(nanos.stream().mapToLong(Long::longValue).toArray());
  }

  /** Nanoseconds and rows of one read. */
  private static long[] time(ProcessEngineConfigurationImpl configuration, Mode mode, Read read) {
    configuration.setAuthorizationEnabled(mode != Mode.AUTHORIZATION_OFF);
    SwitchableGroupPrefilter.camundasPrefilter(mode == Mode.ON_WITH_CAMUNDAS_PREFILTER);
    long t = System.nanoTime();
    long rows = read.run().getAsLong();
    return new long[] {System.nanoTime() - t, rows};
  }

  private static String filterId(FilterService filters, String name) {
    var filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      throw new IllegalStateException("No Tasklist filter \"" + name + "\": AccessSetup creates it at start-up");
    }
    return filter.getId();
  }
}
