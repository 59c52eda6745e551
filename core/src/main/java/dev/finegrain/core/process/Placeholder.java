package dev.finegrain.core.process;
/** placeholder until the process types land */
final class Placeholder { private Placeholder() {} }
