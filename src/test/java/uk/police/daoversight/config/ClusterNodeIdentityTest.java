package uk.police.daoversight.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterNodeIdentityTest {

  @Test
  void aLockOwnerNamesItsNodeAndIsUniqueEvenForTwoNodesWithOneName() {
    String first = ClusterNodeIdentity.lockOwner("node-a");
    String second = ClusterNodeIdentity.lockOwner("node-a");
    assertThat(first).startsWith("node-a#").hasSize("node-a#".length() + 8);
    assertThat(first).isNotEqualTo(second);
  }
}
