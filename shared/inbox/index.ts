export * from './zones';
export * from './inbox';
