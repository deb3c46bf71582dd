package uk.police.daoversight.intake;

public enum RiskLevel { STANDARD, MEDIUM, HIGH }
