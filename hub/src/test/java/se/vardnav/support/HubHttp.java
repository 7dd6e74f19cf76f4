package se.vardnav.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * An HTTP client that calls as a signed-in caller: a request without an Authorization header gets the default test
 * token (every role), for the user named in {@link TestTokens#USER_HEADER} if the request names one. A request that
 * carries its own Authorization header (or {@code Authorization: none} for an anonymous call) is sent as it is.
 */
public final class HubHttp extends HttpClient {
    public static final String ANONYMOUS = "none";
    private final HttpClient delegate;

    private HubHttp(HttpClient delegate) {
        this.delegate = delegate;
    }

    public static HttpClient client() {
        return new HubHttp(HttpClient.newHttpClient());
    }

    public static HttpClient wrap(HttpClient client) {
        return new HubHttp(client);
    }

    static HttpRequest authorized(HttpRequest request) {
        Optional<String> given = request.headers().firstValue("Authorization");
        if (given.isPresent() && !ANONYMOUS.equals(given.get())) {
            return request;
        }
        HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"));
        if (given.isEmpty()) {
            String user = request.headers().firstValue(TestTokens.USER_HEADER).orElse(TestTokens.DEFAULT_USER);
            copy.header("Authorization", "Bearer " + TestTokens.allRoles(user));
        }
        return copy.build();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return delegate.send(authorized(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(authorized(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(authorized(request), handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
