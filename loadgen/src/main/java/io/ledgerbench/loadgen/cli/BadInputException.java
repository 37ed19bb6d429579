package io.ledgerbench.loadgen.cli;

/** An option or file the user got wrong: one message naming it and what is allowed; exit code 2, nothing started. */
final class BadInputException extends Exception {

    BadInputException(String message) {
        super(message);
    }
}
