export * from './workdays';
export * from './calendar';
export * from './answering';
export * from './reply-by';
export * from './day-state';
export * from './format';
export * from './overlap';
export * from './digest';
