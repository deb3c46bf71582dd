package uk.police.daoversight.benchmark;

import java.util.Arrays;
import java.util.List;

/** A database the benchmarks run against; each run gets fresh databases of its own. */
enum Target {
  H2("h2", "H2 2 (in memory)"),
  POSTGRES("postgres", "PostgreSQL 15 (local)");

  private final String id;
  private final String label;

  Target(String id, String label) {
    this.id = id;
    this.label = label;
  }

  String id() {
    return id;
  }

  String label() {
    return label;
  }

  static Target named(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equalsIgnoreCase(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("bench.targets: unknown target " + id + "; use h2, postgres"));
  }

  /** A new, empty database; closing it drops it. */
  FreshDatabase freshDatabase(String purpose) {
    return this == H2 ? FreshDatabase.h2(purpose) : FreshDatabase.postgres(purpose);
  }

  /** The application's profiles for this database (see application-postgres.yaml). */
  List<String> profiles() {
    return this == H2 ? List.of() : List.of("postgres");
  }
}
