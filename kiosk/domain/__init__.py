"""Domain rules with no storage and no clock of their own: lifecycle, schedules, numbering."""
