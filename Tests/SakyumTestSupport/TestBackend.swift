/// The Store's two backends, for suites that run on both (`@Test(arguments: TestBackend.allCases)`).
public enum TestBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }
}
