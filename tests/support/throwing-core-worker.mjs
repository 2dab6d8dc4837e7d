// A core worker that dies with an uncaught error as it starts: how a bug in the worker looks to its host.
throw new Error('boom: the core worker threw');
