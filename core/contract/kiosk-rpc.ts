/** The kiosk contract bound to the generic endpoint: what core and the renderer actually call. */
import { callMethods, serveMethods, type ClientEndpoint, type EndpointOptions, type ServerEndpoint } from './rpc-endpoint.ts';
import { coreMethods, rendererEvents, type CoreApi, type CoreClient, type RendererApi } from './rpc-contract.ts';

export function serveKioskRpc(options: EndpointOptions, api: CoreApi): ServerEndpoint<RendererApi> {
  return serveMethods<typeof coreMethods, typeof rendererEvents, CoreApi, RendererApi>(options, coreMethods, api, rendererEvents);
}

export function connectKioskRpc(options: EndpointOptions, sinks: RendererApi): ClientEndpoint<CoreClient> {
  return callMethods<typeof coreMethods, typeof rendererEvents, RendererApi, CoreClient>(options, coreMethods, rendererEvents, sinks);
}
