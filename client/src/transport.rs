//! The one seam between the client and the wire. Every request and subscription goes through
//! [`Transport`], which implements jsonrpsee's client traits, so the typed RPC contract's
//! generated methods work on it. The light client ([`crate::light`]) is one more variant, for
//! the standard methods it answers.

use async_trait::async_trait;
use jsonrpsee::{
	core::{
		client::{BatchResponse, ClientT, Subscription, SubscriptionClientT},
		params::BatchRequestBuilder,
		traits::ToRpcParams,
		ClientError,
	},
	http_client::{HttpClient, HttpClientBuilder},
	ws_client::{WsClient, WsClientBuilder},
};
use crate::light::LightError;
use serde::de::DeserializeOwned;
use std::{sync::Arc, time::Duration};

/// The largest request or response: a runtime upgrade or a block full of FL updates.
const MAX_MESSAGE: u32 = 64 * 1024 * 1024;
/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// How the client reaches a node.
pub enum Transport {
	/// A WebSocket connection (`ws://`, `wss://`): requests and subscriptions.
	Ws(Reconnecting),
	/// HTTP (`http://`, `https://`): requests only.
	Http(HttpClient),
	/// A light client in this process: requests only, each answer checked by proofs.
	Light(Box<crate::light::Light>),
}

impl Transport {
	/// Whether `url` has a scheme [`Transport::connect`] speaks: retrying cannot mend one that
	/// has not.
	pub fn speaks(url: &str) -> bool {
		["ws://", "wss://", "http://", "https://"].iter().any(|scheme| url.starts_with(scheme))
	}

	/// Connect to `url`, by its scheme.
	pub async fn connect(url: &str) -> Result<Transport, String> {
		if url.starts_with("ws://") || url.starts_with("wss://") {
			let ws = ws_client(url).await.map_err(|e| e.to_string())?;
			Ok(Transport::Ws(Reconnecting { url: url.into(), ws: tokio::sync::Mutex::new(Arc::new(ws)) }))
		} else if url.starts_with("http://") || url.starts_with("https://") {
			let http = HttpClientBuilder::default()
				.max_request_size(MAX_MESSAGE)
				.max_response_size(MAX_MESSAGE)
				.request_timeout(REQUEST_TIMEOUT)
				.build(url)
				.map_err(|e| e.to_string())?;
			Ok(Transport::Http(http))
		} else {
			Err("the URL must start with ws://, wss://, http:// or https://".into())
		}
	}
}

/// A WebSocket connection to `url`, with the client's limits.
async fn ws_client(url: &str) -> Result<WsClient, ClientError> {
	WsClientBuilder::default()
		.max_request_size(MAX_MESSAGE)
		.max_response_size(MAX_MESSAGE)
		.request_timeout(REQUEST_TIMEOUT)
		.build(url)
		.await
}

/// A WebSocket connection that is made again, at the next request, once it has closed: a node
/// that restarted is reached again without its users doing anything. What was in flight when
/// it closed fails, and a subscription ends.
pub struct Reconnecting {
	url: String,
	ws: tokio::sync::Mutex<Arc<WsClient>>,
}

impl Reconnecting {
	/// The open connection, made again if it closed.
	async fn current(&self) -> Result<Arc<WsClient>, ClientError> {
		let mut ws = self.ws.lock().await;
		if !ws.is_connected() {
			let failed = |e| ClientError::Transport(format!("the connection to {} closed, and reconnecting failed: {e}", self.url).into());
			*ws = Arc::new(ws_client(&self.url).await.map_err(failed)?);
		}
		Ok(ws.clone())
	}
}

/// `$body` with `$c` bound to whichever jsonrpsee client `$transport` holds; `$light` for the
/// light client.
macro_rules! each {
	($transport:expr, $c:ident => $body:expr, $l:ident => $light:expr) => {
		match $transport {
			Transport::Ws(ws) => {
				let held = ws.current().await?;
				let $c = &*held;
				$body
			},
			Transport::Http($c) => $body,
			Transport::Light($l) => $light,
		}
	};
}

/// Subscriptions need a connection that stays open.
fn no_subscriptions() -> ClientError {
	ClientError::Custom("subscriptions need a ws:// URL".into())
}

/// What the light client transport does not offer.
fn not_light(what: &str) -> ClientError {
	ClientError::Custom(format!("{what} are not offered through the light client"))
}

/// One request through the light client: its error object when it answers with one.
async fn light_request<R: DeserializeOwned>(
	light: &crate::light::Light,
	method: &str,
	params: impl ToRpcParams,
) -> Result<R, ClientError> {
	let params = params.to_rpc_params().map_err(ClientError::ParseError)?;
	match light.request(method, params).await {
		Ok(answer) => serde_json::from_str(answer.get()).map_err(ClientError::ParseError),
		Err(LightError::Call(e)) => Err(serde_json::from_str::<jsonrpsee::types::ErrorObjectOwned>(e.get())
			.map_or_else(|_| ClientError::Custom(e.get().to_string()), ClientError::Call)),
		Err(LightError::Failed(e)) => Err(ClientError::Custom(e)),
	}
}

#[async_trait]
impl ClientT for Transport {
	async fn notification<Params>(&self, method: &str, params: Params) -> Result<(), ClientError>
	where
		Params: ToRpcParams + Send,
	{
		each!(self, c => c.notification(method, params).await, _l => Err(not_light("notifications")))
	}

	async fn request<R, Params>(&self, method: &str, params: Params) -> Result<R, ClientError>
	where
		R: DeserializeOwned,
		Params: ToRpcParams + Send,
	{
		each!(self, c => c.request(method, params).await, l => light_request(l, method, params).await)
	}

	async fn batch_request<'a, R>(&self, batch: BatchRequestBuilder<'a>) -> Result<BatchResponse<'a, R>, ClientError>
	where
		R: DeserializeOwned + std::fmt::Debug + 'a,
	{
		each!(self, c => c.batch_request(batch).await, _l => Err(not_light("batches")))
	}
}

#[async_trait]
impl SubscriptionClientT for Transport {
	async fn subscribe<'a, Notif, Params>(
		&self,
		subscribe_method: &'a str,
		params: Params,
		unsubscribe_method: &'a str,
	) -> Result<Subscription<Notif>, ClientError>
	where
		Params: ToRpcParams + Send,
		Notif: DeserializeOwned,
	{
		match self {
			Transport::Ws(ws) => ws.current().await?.subscribe(subscribe_method, params, unsubscribe_method).await,
			Transport::Http(_) => Err(no_subscriptions()),
			Transport::Light(_) => Err(not_light("subscriptions")),
		}
	}

	async fn subscribe_to_method<'a, Notif>(&self, method: &'a str) -> Result<Subscription<Notif>, ClientError>
	where
		Notif: DeserializeOwned,
	{
		match self {
			Transport::Ws(ws) => ws.current().await?.subscribe_to_method(method).await,
			Transport::Http(_) => Err(no_subscriptions()),
			Transport::Light(_) => Err(not_light("subscriptions")),
		}
	}
}
