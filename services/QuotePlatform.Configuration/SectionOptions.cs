namespace QuotePlatform.Configuration;

/// <summary>Options bound from one configuration section, named by the type itself.</summary>
public interface ISectionOptions
{
    static abstract string Section { get; }
}
