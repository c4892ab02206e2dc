// Same references as the generated (git-ignored) next-env.d.ts, so `tsc -p apps/web` works on a fresh clone.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
