/** The CLI bundle's path when it is newer than every source file, else null. */
export function currentCliBundle(): string | null;
