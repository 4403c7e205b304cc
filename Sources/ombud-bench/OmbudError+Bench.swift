import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `bench.child`: … exited with … (raised in PipelineBench.swift).
    public static let benchChild = Self(rawValue: "bench.child")
    /// `bench.login`: could not log in to the dashboard (raised in QueueBench.swift).
    public static let benchLogin = Self(rawValue: "bench.login")
    /// `bench.measure`: the measurement printed no figures (raised in PipelineBench.swift).
    public static let benchMeasure = Self(rawValue: "bench.measure")
    /// `bench.no_wrk`: wrk is not installed (raised in QueueBench.swift).
    public static let benchNoWrk = Self(rawValue: "bench.no_wrk")
    /// `bench.wrk`: wrk printed no 99th percentile (raised in QueueBench.swift).
    public static let benchWrk = Self(rawValue: "bench.wrk")
}
