namespace ShopApi.Tests;

/// <summary>A test class with its own shop: an anonymous, a customer's and an admin's client.</summary>
public abstract class ShopApiTest : IDisposable
{
    protected ShopApiTest()
    {
        Factory = new ShopApiFactory();
        Anonymous = Factory.CreateClient();
        Customer = Factory.CreateClient(ShopApiFactory.CustomerKey);
        Admin = Factory.CreateClient(ShopApiFactory.AdminKey);
    }

    protected ShopApiFactory Factory { get; }

    protected HttpClient Anonymous { get; }

    protected HttpClient Customer { get; }

    protected HttpClient Admin { get; }

    public void Dispose()
    {
        Anonymous.Dispose();
        Customer.Dispose();
        Admin.Dispose();
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}
