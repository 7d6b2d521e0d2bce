import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { campaignKeys, geoKeys } from '../../api/queryKeys';
import type { NewCampaign, NewDockingEvent } from '../../api/types';

export function useCampaigns() {
  return useQuery({ queryKey: campaignKeys.list, queryFn: () => unwrap(api.GET('/api/v1/campaigns')) });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
  });
}

export function useCreateCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCampaign) => unwrap(api.POST('/api/v1/campaigns', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

export function useDockingEvents(campaignId: string) {
  return useQuery({
    queryKey: campaignKeys.events(campaignId),
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}/events', { params: { path: { id: campaignId } } })),
  });
}

export function useCreateDockingEvent(campaignId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDockingEvent) =>
      unwrap(api.POST('/api/v1/campaigns/{id}/events', { params: { path: { id: campaignId } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

export function useFunnel(campaignId: string) {
  return useQuery({
    queryKey: campaignKeys.funnel(campaignId),
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}/funnel', { params: { path: { id: campaignId } } })),
    // the funnel moves whenever a project does: read it fresh on every visit
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

/** A county's name for a code (shared cache key with nothing else: a small reference read). */
export function useCountyName(code: string) {
  return useQuery({
    queryKey: geoKeys.countyName(code),
    queryFn: () => unwrap(api.GET('/api/v1/counties/{code}', { params: { path: { code } } })),
    staleTime: 10 * 60_000,
    select: (c) => c.name,
  });
}
