package uk.police.daoversight.benchmark.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The start-up benchmark's yardstick: a Camunda webapp + REST starter application with nothing of
 * ours. Its configuration is {@code benchmark/bare-camunda.yaml} (it is started with
 * {@code --spring.config.name=bare-camunda}), so neither application.yaml nor our models apply;
 * it scans only this package.
 */
@SpringBootApplication
public class BareCamundaApplication {

  public static void main(String[] args) {
    SpringApplication.run(BareCamundaApplication.class, args);
  }
}
