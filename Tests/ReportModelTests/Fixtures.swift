import ScoreModel

/// A decimal literal of a test as the score model's exact value (17.24 → 1724 hundredths).
func fx(_ d: Double) -> Fixed2 { Fixed2(hundredths: Int((d * 100).rounded())) }
