public enum ChartsPlaceholder {}
