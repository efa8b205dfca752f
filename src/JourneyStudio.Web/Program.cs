using JourneyStudio.Web;

return await StudioProgram.RunAsync(args);

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
