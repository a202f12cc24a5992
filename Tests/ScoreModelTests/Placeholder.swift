import Testing
@testable import ScoreModel
