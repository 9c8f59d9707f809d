package io.jkbms.core.board;

/** Thrown when a board is asked for a function its model does not have, e.g. heating on a model without the H suffix. */
public final class UnsupportedFunctionException extends RuntimeException {
    private final transient BoardModel model;
    private final BoardFunction function;

    public UnsupportedFunctionException(BoardModel model, BoardFunction function) {
        super(model.name() + " has no " + function.description() + ": the model needs the '" + function.suffix()
                + "' suffix (e.g. " + model.withFunction(function).name() + ")");
        this.model = model;
        this.function = function;
    }

    public BoardModel model() {
        return model;
    }

    public BoardFunction function() {
        return function;
    }
}
