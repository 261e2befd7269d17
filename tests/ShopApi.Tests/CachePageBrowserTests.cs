using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ShopApi.Tests;

public sealed class CachePageBrowserTests
{
    [Fact]
    public async Task Chromium_shows_the_per_method_table_with_hits_after_some_requests()
    {
        using var chromium = HeadlessChromium.Find();
        using var factory = new ShopApiFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient { BaseAddress = address };
        for (var i = 0; i < 5; i++)
        {
            (await http.GetAsync("/products/12")).EnsureSuccessStatusCode();
        }

        var page = new Uri(address, "/cache");
        var dom = await chromium.DumpDomAsync(page);
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "cache-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await chromium.ScreenshotAsync(page, screenshot);

        var row = Regex.Match(dom, "<tr data-method=\"ShopApi.Catalog.Catalog.GetProductAsync\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, dom);
        Assert.True(int.Parse(Regex.Match(row.Value, "<td class=\"l1-hits\">(\\d+)</td>").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 4, row.Value);
        Assert.True(new FileInfo(screenshot).Length > 1000, "the screenshot is empty");
    }
}
