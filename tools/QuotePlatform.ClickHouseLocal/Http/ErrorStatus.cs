namespace QuotePlatform.ClickHouseLocal.Http;

/// <summary>The HTTP status clickhouse-server answers an error code with (exceptionCodeToHTTPStatus).</summary>
internal static class ErrorStatus
{
    private static readonly Dictionary<int, int> ByCode = Build();

    public static int For(int code) => ByCode.GetValueOrDefault(code, StatusCodes.Status500InternalServerError);

    private static Dictionary<int, int> Build()
    {
        var map = new Dictionary<int, int> { [194] = StatusCodes.Status401Unauthorized };
        // UNKNOWN_USER, WRONG_PASSWORD, AUTHENTICATION_FAILED, SET_NON_GRANTED_ROLE, ACCESS_DENIED
        Add(map, StatusCodes.Status403Forbidden, 192, 193, 516, 512, 497);
        // BAD_ARGUMENTS, CANNOT_COMPILE_REGEXP, CANNOT_PARSE_*, DUPLICATE_COLUMN, ILLEGAL_COLUMN, AST errors,
        // THERE_IS_NO_COLUMN, SYNTAX_ERROR, INCORRECT_DATA, TYPE_MISMATCH, VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
        Add(map, StatusCodes.Status400BadRequest,
            36, 427, 6, 25, 26, 38, 41, 72, 441, 675, 676, 27, 376, 15, 44, 37, 123, 8, 167, 168, 223, 62, 117, 53, 321);
        // UNKNOWN_TABLE, _FUNCTION, _IDENTIFIER, _TYPE, _STORAGE, _DATABASE, _SETTING, _DIRECTION_OF_SORTING,
        // _AGGREGATE_FUNCTION, _FORMAT, _DATABASE_ENGINE, _TYPE_OF_QUERY, _ROLE
        Add(map, StatusCodes.Status404NotFound, 60, 46, 47, 50, 56, 81, 115, 152, 63, 73, 336, 78, 511);
        Add(map, StatusCodes.Status413PayloadTooLarge, 229); // QUERY_IS_TOO_LARGE
        Add(map, StatusCodes.Status501NotImplemented, 48); // NOT_IMPLEMENTED
        Add(map, StatusCodes.Status503ServiceUnavailable, 209, 76, 439); // SOCKET_TIMEOUT, CANNOT_OPEN_FILE, CANNOT_SCHEDULE_TASK
        Add(map, StatusCodes.Status411LengthRequired, 381); // HTTP_LENGTH_REQUIRED
        Add(map, StatusCodes.Status408RequestTimeout, 159); // TIMEOUT_EXCEEDED
        Add(map, StatusCodes.Status415UnsupportedMediaType, 779); // UNSUPPORTED_MEDIA_TYPE
        return map;
    }

    private static void Add(Dictionary<int, int> map, int status, params int[] codes)
    {
        foreach (var code in codes)
        {
            map[code] = status;
        }
    }
}
