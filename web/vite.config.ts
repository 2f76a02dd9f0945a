import { defineConfig } from "vite";

// The page is served by the query service (same origin as its gRPC-Web API), so it is built
// straight into that service's wwwroot; the .NET build copies it next to the binary.
export default defineConfig({
  base: "./",
  build: {
    outDir: "../services/QuotePlatform.Query/wwwroot",
    emptyOutDir: true,
    // lightweight-charts alone is ~170 kB; one page, no need to split.
    chunkSizeWarningLimit: 1024,
  },
});
