import type { WorkspaceService } from '../workspace/service';
import type { HandlersFor } from './dispatch';

type WorkspaceHandlers = HandlersFor<'profile'> &
  HandlersFor<'people'> &
  HandlersFor<'workspace'> &
  HandlersFor<'updates'> &
  HandlersFor<'events'> &
  HandlersFor<'sync'> &
  HandlersFor<'inbox'>;

export function workspaceHandlers(deps: { workspace: WorkspaceService }): WorkspaceHandlers {
  const ws = deps.workspace;
  return {
    'profile:get': () => ws.people.getProfile(),
    'profile:set': (input) => ws.setProfile(input),
    'people:list': () => ({ people: ws.people.listPeople() }),
    'workspace:get': () => ws.info(),
    'workspace:useFolder': ({ dir, create }) => ws.useFolder(dir, { create }),
    'workspace:useS3': (input) => ws.useS3(input),
    'workspace:publish': ({ id }) => ws.publish(id),
    'updates:edit': ({ id, ...edit }) => {
      const clip = ws.edit(id, edit);
      return {
        id: clip.id,
        title: clip.title,
        ask: clip.ask,
        dueAt: clip.due_at,
        urgency: clip.urgency,
        recipients: JSON.parse(clip.recipients) as string[],
        replyTo: clip.reply_to,
      };
    },
    'events:add': (input) => ws.addEvent(input),
    'events:list': ({ clipId }) => ({ events: ws.listEvents(clipId) }),
    'sync:run': ({ full }) => ws.sync({ full }),
    'sync:problems': () => ({ problems: ws.problems() }),
    'inbox:get': (input) => ws.inbox(input),
  };
}
