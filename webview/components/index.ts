export * from './toolkit';
export * from './dom';
