package se.vardnav.console.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import se.vardnav.console.ConsoleAccess;
import se.vardnav.console.ConsoleActor;
import se.vardnav.console.ConsoleProperties;


/** What every console page needs: the formatter, the form token, who is acting, the refresh period. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
public class ConsoleModel {
    private final ConsoleFormat format;
    private final ConsoleAccess access;
    private final ConsoleProperties props;

    public ConsoleModel(se.vardnav.notification.NotificationProperties notification, ConsoleAccess access, ConsoleProperties props) {
        this.format = new ConsoleFormat(notification.zone());
        this.access = access;
        this.props = props;
    }

    @ModelAttribute("fmt")
    ConsoleFormat format() {
        return format;
    }

    @ModelAttribute("token")
    String token(HttpServletRequest request) {
        Object token = request.getAttribute(ConsoleGuard.TOKEN_ATTRIBUTE);
        return token == null ? "" : token.toString();
    }

    @ModelAttribute("actor")
    ConsoleActor actor(HttpServletRequest request) {
        return access.actor(request);
    }

    @ModelAttribute("refreshSeconds")
    long refreshSeconds() {
        return Math.max(2, props.refresh().toSeconds());
    }

    /** The page's own path, for the language links. */
    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
