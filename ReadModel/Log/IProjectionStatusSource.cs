
namespace BacGiang.Incidents.ReadModel;

/// <summary>Implemented by the projector so the silo can report how far behind it is.</summary>
public interface IProjectionStatusSource
{
    ProjectionStatus Status();
}
