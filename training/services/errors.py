class TrainingError(Exception):
    """A rule of training events or registers refused the change.

    `code` is stable (tests and views match on it); the message is shown to people.
    """

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code
