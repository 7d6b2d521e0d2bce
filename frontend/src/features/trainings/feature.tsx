import { ReadOutlined } from '@ant-design/icons';
import { everyone, lazyPage, type Feature } from '../../app/feature';
import { canOrganizeTrainings } from './trainingLogic';

// 组织培训: trainings organized for social organizations by the national, provincial and county
// coordinators, with the organizations trained. Everyone signed in reads them (organizations look
// for the ones to attend); the organizers plan them, list who came and confirm attendance.
export const feature: Feature = {
  routes: [
    { path: 'trainings', lazy: lazyPage(() => import('./TrainingsPage'), 'TrainingsPage') },
    { path: 'trainings/new', lazy: lazyPage(() => import('./TrainingFormPage'), 'TrainingFormPage', canOrganizeTrainings) },
    { path: 'trainings/:id', lazy: lazyPage(() => import('./TrainingDetailPage'), 'TrainingDetailPage') },
    { path: 'trainings/:id/edit', lazy: lazyPage(() => import('./TrainingFormPage'), 'TrainingFormPage', canOrganizeTrainings) },
  ],
  menu: [{ key: 'trainings', path: '/trainings', labelKey: 'trainings.menu', icon: <ReadOutlined aria-hidden />, visible: everyone, order: 105 }],
};
