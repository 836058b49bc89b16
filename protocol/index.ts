// The one typed definition of everything that crosses a boundary: daemon <-> extension <-> webview, and the CLI's JSON.
export * from './catalogue';
export * from './describe';
export * from './errors';
export * from './facts';
export * from './images';
export * from './keys';
export * from './methods';
export * from './record';
export * from './signals';
export * from './tools';
export * from './webview';
export * from './rpc-client';
