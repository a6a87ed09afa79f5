/**
 * `ws` (a dependency of @nestjs/graphql and graphql-ws) ships no type declarations and
 * @types/ws is not installed; the tests only hand its constructor to the graphql-ws client.
 */
declare module 'ws' {
  const WebSocket: new (url: string, protocols?: string | string[]) => unknown;
  export default WebSocket;
  export { WebSocket };
}
