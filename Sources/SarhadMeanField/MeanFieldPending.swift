// Replaced by the mean-field twin implementation.
enum MeanFieldPending {}
