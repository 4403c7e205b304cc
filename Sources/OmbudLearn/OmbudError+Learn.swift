import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `learn.empty`: there is nothing to learn from (raised in ModelTrainer.swift).
    public static let learnEmpty = Self(rawValue: "learn.empty")
    /// `learn.liblinear`: liblinear refused the parameters: … (raised in LinearProblem.swift).
    public static let learnLiblinear = Self(rawValue: "learn.liblinear")
    /// `learn.one_class`: every example is labeled the same: the model cannot learn a difference (raised in ModelTrainer.swift).
    public static let learnOneClass = Self(rawValue: "learn.one_class")
}
