package se.vardnav.console;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import se.vardnav.letter.print.PrintItemConflict;
import se.vardnav.letter.print.PrintItemsNotFound;

/**
 * Errors of the print list and letter report APIs as RFC 9457 problem JSON
 * ({@code {"status":404,"title":"Not Found","detail":"no print list row with id 42; nothing was done"}}).
 * The base class turns Spring's own errors (a missing user header, a malformed id or body) into the
 * same shape. Details name ids and states, never a patient.
 */
@RestControllerAdvice(basePackages = {"se.vardnav.letter.print", "se.vardnav.letter.report", "se.vardnav.audit"})
public class AdminProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(PrintItemsNotFound.class)
    ProblemDetail notFound(PrintItemsNotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setProperty("ids", e.ids());
        return problem;
    }

    @ExceptionHandler(PrintItemConflict.class)
    ProblemDetail conflict(PrintItemConflict e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
