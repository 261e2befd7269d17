using Cached;
using Microsoft.EntityFrameworkCore;
using ShopApi.Data;

namespace ShopApi.Merchandising;

/// <summary>Currency rates and promotions on the database: tiny tables read by every price shown.</summary>
public sealed class Pricing(ShopDb db) : IPricing
{
    // Read for every price on every page, changed by an admin now and then: a short TTL bounds staleness even if a
    // change bypasses the API, and the explicit invalidation below makes an admin's change visible at once.
    [Cached(Ttl = "30s", Tags = ["rates"])]
    public async Task<IReadOnlyList<RateView>> GetRatesAsync(CancellationToken ct = default) =>
        (await db.Rates.AsNoTracking().ToListAsync(ct))
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new RateView(r.Code, r.PerDollar))
            .ToList();

    [InvalidatesCache("rates")]
    public async Task<RateView> SetRateAsync(string code, decimal perDollar, CancellationToken ct = default)
    {
        var rate = await db.Rates.FirstOrDefaultAsync(r => r.Code == code, ct);
        if (rate is null)
        {
            rate = new CurrencyRate { Code = code };
            db.Rates.Add(rate);
        }

        rate.PerDollar = perDollar;
        await db.SaveChangesAsync(ct);
        return new RateView(rate.Code, rate.PerDollar);
    }

    // Same shape as the rates: short TTL plus explicit invalidation on change.
    [Cached(Ttl = "30s", Tags = ["promotions"])]
    public async Task<IReadOnlyList<PromotionView>> GetPromotionsAsync(CancellationToken ct = default) =>
        await db.Promotions.AsNoTracking()
            .OrderBy(p => p.Category)
            .Select(p => new PromotionView(p.Category, p.PercentOff))
            .ToListAsync(ct);

    [InvalidatesCache("promotions")]
    public async Task<PromotionView> SetPromotionAsync(string category, int percentOff, CancellationToken ct = default)
    {
        var promotion = await db.Promotions.FirstOrDefaultAsync(p => p.Category == category, ct);
        if (percentOff == 0)
        {
            if (promotion is not null)
            {
                db.Promotions.Remove(promotion);
            }
        }
        else if (promotion is null)
        {
            db.Promotions.Add(new Promotion { Category = category, PercentOff = percentOff });
        }
        else
        {
            promotion.PercentOff = percentOff;
        }

        await db.SaveChangesAsync(ct);
        return new PromotionView(category, percentOff);
    }
}
