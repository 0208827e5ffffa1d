using System.Text.Json.Serialization;

namespace BacGiang.Incidents.People;

/// <summary>An edit of a unit's people or their duty; each accepted one is kept as a <see cref="RosterChanged"/> event.</summary>
[GenerateSerializer, Immutable, Alias("RosterCommand")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(AddPerson), "add_person")]
[JsonDerivedType(typeof(ReplacePerson), "replace_person")]
[JsonDerivedType(typeof(RemovePerson), "remove_person")]
[JsonDerivedType(typeof(AddOverride), "add_override")]
[JsonDerivedType(typeof(RemoveOverride), "remove_override")]
public abstract record RosterCommand;

[GenerateSerializer, Immutable, Alias("AddPerson")]
public sealed record AddPerson([property: Id(0)] StaffMember Person) : RosterCommand;

/// <summary>Replaces everything known of a person (name, role, channels, duty) by staff id.</summary>
[GenerateSerializer, Immutable, Alias("ReplacePerson")]
public sealed record ReplacePerson([property: Id(0)] StaffMember Person) : RosterCommand;

[GenerateSerializer, Immutable, Alias("RemovePerson")]
public sealed record RemovePerson([property: Id(0)] string StaffId) : RosterCommand;

[GenerateSerializer, Immutable, Alias("AddOverride")]
public sealed record AddOverride([property: Id(0)] DutyOverride Override) : RosterCommand;

[GenerateSerializer, Immutable, Alias("RemoveOverride")]
public sealed record RemoveOverride([property: Id(0)] string OverrideId) : RosterCommand;
