public enum ScoreModelPlaceholder {}
