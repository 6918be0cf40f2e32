public enum GapTUIVersion { public static let value = "0.1.0" }
