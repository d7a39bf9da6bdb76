// The version the CLI and the server report. A constant rather than a read of package.json, so
// that a bundle copied anywhere still knows it; a unit test keeps it equal to package.json.
export const VERSION = '0.1.0';
