// The engine's meter is process-wide: tests that read the /cache page run one at a time so that no other test's
// traffic lands in the numbers they assert on.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
