namespace Tiled.Api.OpenApi;

/// <summary>Every query parameter the HTTP API reads, described once (protocol §2–§8, additions §3).</summary>
internal static class QueryParameters
{
    public static readonly QueryParameter Slice = new("slice", QueryType.String,
        "NumPy-style slice per dimension, comma-separated: `0:10,::2,5`. Omitted dimensions are taken whole.");

    public static readonly QueryParameter ArrayFormat = new("format", QueryType.String,
        "Media type of the response; wins over the Accept header. application/octet-stream (raw bytes in the array's dtype, C order), application/json (nested lists), text/csv (1-D and 2-D) or image/png (2-D, or 3-D with 3 or 4 channels; auto-contrast as Tiled).");

    public static readonly QueryParameter TableFormat = new("format", QueryType.String,
        "Media type of the response; wins over the Accept header. application/vnd.apache.arrow.file, application/vnd.apache.arrow.stream, application/x-parquet, application/json (records) or text/csv.");

    public static readonly QueryParameter ExpectedShape = new("expected_shape", QueryType.String,
        "The shape the client expects after slicing (`3,4`, or `scalar`); a different shape is a 400, so a stale client cannot misread data.");

    public static readonly QueryParameter Filename = new("filename", QueryType.String,
        "Send the response as an attachment with this file name (Content-Disposition).");

    public static readonly QueryParameter Block = new("block", QueryType.IntegerList,
        "Index of the chunk in each dimension, comma-separated: `1,0`.") { Required = true };

    public static readonly QueryParameter Persist = new("persist", QueryType.Boolean,
        "false: stream the data to subscribers without storing it (the node keeps its stored data).") { Default = "true" };

    public static readonly QueryParameter Offset = new("offset", QueryType.IntegerList,
        "Where the written region starts, one integer per dimension: `3,0`.") { Required = true };

    public static readonly QueryParameter Shape = new("shape", QueryType.IntegerList,
        "The shape of the written region (the body's shape), one integer per dimension: `1,4`.") { Required = true };

    public static readonly QueryParameter Extend = new("extend", QueryType.Boolean,
        "true: grow the array when the region reaches past its end (appending frames).") { Default = "false" };

    public static readonly QueryParameter DropRevision = new("drop_revision", QueryType.Boolean,
        "true: do not keep the previous metadata as a revision.") { Default = "false" };

    public static readonly QueryParameter Recursive = new("recursive", QueryType.Boolean,
        "true: delete a container with everything under it; otherwise a non-empty container is a 409.") { Default = "false" };

    public static readonly QueryParameter ExternalOnly = new("external_only", QueryType.Boolean,
        "With recursive: refuse (409) when any node below holds data this server manages.") { Default = "true" };

    public static readonly QueryParameter PageOffset = new("page[offset]", QueryType.Integer,
        "Index of the first item of the page.") { Default = "0" };

    public static readonly QueryParameter PageLimit = new("page[limit]", QueryType.Integer,
        "Most items on the page.") { Default = "100" };

    public static readonly QueryParameter PageCursor = new("page[cursor]", QueryType.Integer,
        "Continue after the child with this internal id (from a previous page); not with page[offset].");

    public static readonly QueryParameter Sort = new("sort", QueryType.String,
        "Sort keys, comma-separated or repeated: `key` or `+key` ascending, `-key` descending; `id` is the child's key, other names are dotted metadata keys.")
    {
        Repeated = true,
    };

    public static readonly QueryParameter Fields = new("fields", QueryType.String,
        "Which attributes of each item to include (repeatable): metadata, structure_family, structure, count, sorting, specs, data_sources, access_blob. Empty: keys only; `count` alone: only the count.")
    {
        Repeated = true,
    };

    public static readonly QueryParameter MaxDepth = new("max_depth", QueryType.Integer,
        "Accepted for compatibility (0–5): containers here never inline their contents.") { Default = "0" };

    public static readonly QueryParameter IncludeDataSources = new("include_data_sources", QueryType.Boolean,
        "Include each node's data sources (assets, structure, management).") { Default = "false" };

    public static readonly QueryParameter OmitLinks = new("omit_links", QueryType.Boolean,
        "Leave out the links of each item.") { Default = "false" };

    public static readonly QueryParameter SelectMetadata = new("select_metadata", QueryType.String,
        "A JMESPath expression applied to each item's metadata: `{name: sample.name}`.");

    /// <summary>The <c>filter[&lt;query&gt;][condition][&lt;field&gt;]</c> family; the document lists each member.</summary>
    public static readonly QueryParameter Filters = new("filter", QueryType.String,
        "Search filters, filter[<query>][condition][<field>]; every query of the about document's `queries`.")
    {
        Repeated = true,
    };

    public static readonly QueryParameter DistinctMetadata = new("metadata", QueryType.String,
        "A dotted metadata key whose distinct values to list (repeatable).") { Repeated = true };

    public static readonly QueryParameter DistinctStructureFamilies = new("structure_families", QueryType.Boolean,
        "List the distinct structure families.") { Default = "false" };

    public static readonly QueryParameter DistinctSpecs = new("specs", QueryType.Boolean,
        "List the distinct specs.") { Default = "false" };

    public static readonly QueryParameter DistinctCounts = new("counts", QueryType.Boolean,
        "Count the children with each value.") { Default = "false" };

    public static readonly QueryParameter PatchOffset = new("patch_offset", QueryType.IntegerList,
        "Region of the array the new data source changed, as offset (streamed to subscribers as array-ref).");

    public static readonly QueryParameter PatchShape = new("patch_shape", QueryType.IntegerList,
        "Region of the array the new data source changed, as shape.");

    public static readonly QueryParameter Partition = new("partition", QueryType.Integer,
        "Index of the table partition.") { Required = true };

    public static readonly QueryParameter Column = new("column", QueryType.String,
        "A column to read (repeatable); all columns when absent.") { Repeated = true };

    public static readonly QueryParameter Field = new("field", QueryType.String,
        "Deprecated alias of column; not together with column.") { Repeated = true };

    public static readonly QueryParameter EnvelopeFormat = new("envelope_format", QueryType.String,
        "Encoding of stream messages.") { Default = "json", Values = ["json", "msgpack"] };

    public static readonly QueryParameter Start = new("start", QueryType.Integer,
        "Replay from this sequence number (0: everything still cached), then continue live; absent: live only.");

    public static readonly QueryParameter Extensions = new("extensions", QueryType.Boolean,
        "Also send this server's additions to Tiled's messages: metadata-updated, container-child-deleted, and a closing message " +
        "before any close the server starts.") { Default = "false" };

    public static readonly QueryParameter Inline = new("inline", QueryType.Boolean,
        "Send array writes that the server streams by reference (payloads above --stream-inline-limit) as array-data with " +
        "the payload, read from storage, instead of array-ref with a uri.") { Default = "false" };

}
