package se.vardnav.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The user may not see this page or take this action. */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class ConsoleAccessDenied extends RuntimeException {
    public ConsoleAccessDenied(String message) {
        super(message);
    }
}
