namespace Cached.Runtime.Tests.Support;

/// <summary>Waits for a condition another thread brings about; the timeout is a hang guard, not a timing assertion.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still not true after {timeoutSeconds} s: {what}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>A generous bound on an await that should complete, so a bug fails the test instead of hanging the run.</summary>
    public static Task<T> Within<T>(this Task<T> task, int seconds = 60) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    public static Task Within(this Task task, int seconds = 60) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
