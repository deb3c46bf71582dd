package uk.police.daoversight.intake;

import java.time.LocalDate;

/** A victim or perpetrator as the vault keeps them. Never becomes a process variable. */
public record Party(String name, LocalDate dateOfBirth, boolean policeEmployee, String staffNumber,
                    String rank, String department, String contact) {}
