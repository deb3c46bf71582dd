package uk.police.daoversight.audit;

import java.util.List;
import java.util.Set;

/**
 * At least 20 read paths that carry case data (engine-rest and the webapps' engine API, GET and
 * POST, single and list) and two that carry none, for two cases {@code a} and {@code b}: the same
 * list is walked on the embedded H2 ({@link AccessRecordReadPathsTest}) and on PostgreSQL with
 * two nodes (ClusterTest).
 */
public final class ReadPaths {

  /** A read, and the cases whose data its answer carries. */
  public record Read(String name, String method, String url, String body, Set<String> cases) {

    /** Every list pages (the engine refuses an unbound one); a single resource ignores the parameter. */
    public String pagedUrl() {
      return url + (url.contains("?") ? "&" : "?") + "firstResult=0&maxResults=50";
    }

    public boolean webapp() {
      return url.startsWith("/camunda/");
    }
  }

  private ReadPaths() {}

  /**
   * The reads for case {@code ca} (process instance {@code a}, with the task {@code task}) and case
   * {@code cb} (process instance {@code b}); a third case exists that no read may return.
   */
  public static List<Read> of(String ca, String a, String cb, String b, String task) {
    String ids = a + "," + b;
    String idsJson = "[\"" + a + "\",\"" + b + "\"]";
    Set<String> one = Set.of(ca);
    Set<String> both = Set.of(ca, cb);
    String er = "/engine-rest";
    String wa = "/camunda/api/engine/engine/default";

    return List.of(
        new Read("task list GET, two cases", "GET", er + "/task?processInstanceBusinessKeyIn=" + ca + "," + cb, null, both),
        new Read("task list POST, two cases", "POST", er + "/task", "{\"processInstanceBusinessKeyIn\":[\"" + ca + "\",\"" + cb + "\"]}", both),
        new Read("task", "GET", er + "/task/" + task, null, one),
        new Read("task variables", "GET", er + "/task/" + task + "/variables", null, one),
        new Read("task form variables", "GET", er + "/task/" + task + "/form-variables", null, one),
        new Read("task identity links", "GET", er + "/task/" + task + "/identity-links", null, one),
        new Read("process instance list GET", "GET", er + "/process-instance?processInstanceIds=" + ids, null, both),
        new Read("process instance list POST", "POST", er + "/process-instance", "{\"processInstanceIds\":" + idsJson + "}", both),
        new Read("process instance", "GET", er + "/process-instance/" + a, null, one),
        new Read("process instance variables", "GET", er + "/process-instance/" + a + "/variables", null, one),
        new Read("activity instance tree", "GET", er + "/process-instance/" + a + "/activity-instances", null, one),
        new Read("historic process instances GET", "GET", er + "/history/process-instance?processInstanceIds=" + ids, null, both),
        new Read("historic process instances POST", "POST", er + "/history/process-instance", "{\"processInstanceIds\":" + idsJson + "}", both),
        new Read("historic process instance", "GET", er + "/history/process-instance/" + a, null, one),
        new Read("historic tasks GET", "GET", er + "/history/task?processInstanceId=" + a, null, one),
        new Read("historic tasks POST", "POST", er + "/history/task", "{\"processInstanceId\":\"" + b + "\"}", Set.of(cb)),
        new Read("historic activity instances", "GET", er + "/history/activity-instance?processInstanceId=" + a, null, one),
        new Read("historic variable instances", "GET", er + "/history/variable-instance?processInstanceIdIn=" + ids, null, both),
        new Read("variable instances POST", "POST", er + "/variable-instance", "{\"processInstanceIdIn\":" + idsJson + "}", both),
        new Read("executions", "GET", er + "/execution?processInstanceId=" + a, null, one),
        new Read("historic details", "GET", er + "/history/detail?processInstanceId=" + a, null, one),
        new Read("webapps task list GET", "GET", wa + "/task?processInstanceBusinessKeyIn=" + ca + "," + cb, null, both),
        new Read("webapps task list POST", "POST", wa + "/task", "{\"processInstanceBusinessKeyIn\":[\"" + ca + "\",\"" + cb + "\"]}", both),
        new Read("webapps form variables", "GET", wa + "/task/" + task + "/form-variables", null, one),
        new Read("webapps process instance", "GET", wa + "/process-instance/" + a, null, one),
        new Read("task count (no case data)", "GET", er + "/task/count?processInstanceBusinessKeyIn=" + ca, null, Set.of()),
        new Read("process definitions (no case data)", "GET", er + "/process-definition?maxResults=5", null, Set.of()));

  }
}
