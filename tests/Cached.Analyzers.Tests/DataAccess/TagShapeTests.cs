using Cached.Analyzers.Model;

namespace Cached.Analyzers.Tests.DataAccess;

public class TagShapeTests
{
    [Theory]
    [InlineData("product:{id}", "product:{id}")]
    [InlineData("product:{id}", "product:{productId}")]
    [InlineData("product:{id}", "product:{result.Id}")]
    [InlineData("product:{id}", "product:42")]
    [InlineData("category:{category}:page:{page}", "category:{c}:page:{p}")]
    [InlineData("catalog", "catalog")]
    [InlineData("{tenant}:product:{id}", "acme:product:{id}")]
    public void Templates_of_the_same_shape_overlap(string a, string b)
    {
        Assert.True(TagShape.Overlap(TagShape.OfTemplate(a)!, TagShape.OfTemplate(b)!));
        Assert.True(TagShape.Overlap(TagShape.OfTemplate(b)!, TagShape.OfTemplate(a)!));
    }

    [Theory]
    [InlineData("product:{id}", "products:{id}")]
    [InlineData("product:{id}", "prodcut:{id}")]
    [InlineData("product:{id}", "product")]
    [InlineData("catalog", "catalogs")]
    [InlineData("category:{c}:page:{p}", "category:{c}")]
    public void Templates_of_another_shape_do_not(string a, string b)
    {
        Assert.False(TagShape.Overlap(TagShape.OfTemplate(a)!, TagShape.OfTemplate(b)!));
        Assert.False(TagShape.Overlap(TagShape.OfTemplate(b)!, TagShape.OfTemplate(a)!));
    }

    [Fact]
    public void A_malformed_template_has_no_shape() => Assert.Null(TagShape.OfTemplate("product:{id"));

    [Fact]
    public void Distance_counts_a_placeholder_as_one_character() =>
        Assert.Equal(1, TagShape.Distance(TagShape.OfTemplate("prodcut:{id}")!, TagShape.OfTemplate("product:{x}")!) - 1);
}
